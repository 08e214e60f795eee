package org.comptoir.api.support;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;

/**
 * The run's real S3 API server (S3Proxy, in this JVM, on a free port of 127.0.0.1, signature V2 or V4
 * required), started once on first use, its objects in a temporary directory (not the heap, so big
 * objects cost nothing) removed when the JVM ends. The bucket is not created: the store under test does that.
 */
public final class ObjectStore {

	public static final String ACCESS_KEY = "comptoir-test";

	public static final String SECRET_KEY = "comptoir-test-secret";

	public static final String BUCKET = "comptoir-media";

	public static final String REGION = "us-east-1";

	private ObjectStore() {
	}

	private static final class Holder {

		static final S3Proxy SERVER = start();

		private static S3Proxy start() {
			try {
				Path directory = Files.createTempDirectory("comptoir-s3");
				Properties settings = new Properties();
				settings.setProperty(FilesystemConstants.PROPERTY_BASEDIR, directory.toString());
				BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
					.overrides(settings)
					.buildView(BlobStoreContext.class);
				S3Proxy server = S3Proxy.builder()
					.blobStore(context.getBlobStore())
					.endpoint(URI.create("http://127.0.0.1:0"))
					.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
					.build();
				server.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, context, directory), "s3proxy-stop"));
				return server;
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot start the test S3 server", ex);
			}
		}

		private static void stop(S3Proxy server, BlobStoreContext context, Path directory) {
			try {
				server.stop();
				context.close();
				try (Stream<Path> files = Files.walk(directory)) {
					files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot stop the test S3 server", ex);
			}
		}

	}

	/** The server's address, {@code http://127.0.0.1:<port>}; the first call starts it. */
	public static URI endpoint() {
		return URI.create("http://127.0.0.1:" + Holder.SERVER.getPort());
	}

}
