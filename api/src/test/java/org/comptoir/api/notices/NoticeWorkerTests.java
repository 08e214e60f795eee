package org.comptoir.api.notices;

import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the address's own (no retry; counted towards turning the user's channel off). */
class NoticeWorkerTests {

	@Test
	void aRefusedRecipientIsTheAddressesFaultAGreylistingIsNot() throws Exception {
		InternetAddress address = new InternetAddress("nobody@example.org");
		SendFailedException refused = new SendFailedException("Invalid Addresses",
				new SMTPAddressFailedException(address, "RCPT TO", 550, "5.1.1 no such user"), new InternetAddress[0],
				new InternetAddress[0], new InternetAddress[] { address });
		assertThat(NoticeWorker.refusedAddress(new MailSendException(Map.of(new Object(), refused)))).isTrue();
		SMTPAddressFailedException greylisted = new SMTPAddressFailedException(address, "RCPT TO", 451, "4.7.1 try again later");
		assertThat(NoticeWorker.refusedAddress(new MailSendException(Map.of(new Object(),
				new SendFailedException("Temporary", greylisted))))).isFalse();
		assertThat(NoticeWorker.refusedAddress(new MailSendException("connection refused", new MessagingException("down")))).isFalse();
	}

	@Test
	void aProvidersRefusalOfTheNumberIsTheAddressesFaultATimeoutIsNot() {
		assertThat(NoticeWorker.refused(new TextProvider.TextRefused("InvalidPhoneNumber"))).isTrue();
		assertThat(NoticeWorker.refused(new TextNotSent("africastalking: no answer within 30 s"))).isFalse();
	}

}
