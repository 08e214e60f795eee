<#-- keycloak.v2's hook for the bottom of every login page: the chamber's brand.css, from its portal (the
     portal client's base URL). A stylesheet is allowed in the body; without it comptoir.css's fallbacks hold. -->
<#macro content>
<#if client?? && client.baseUrl?has_content>
    <link rel="stylesheet" href="${client.baseUrl?remove_ending("/")}/brand.css">
</#if>
</#macro>
