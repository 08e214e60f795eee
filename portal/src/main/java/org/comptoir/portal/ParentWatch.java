package org.comptoir.portal;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Run as another process's child (the local run starts the portal so): stops when that process's end closes
 * this one's standard input, so a killed parent leaves no portal behind.
 */
@Component
@ConditionalOnBooleanProperty("comptoir.portal.exit-with-parent")
class ParentWatch {

	@EventListener(ApplicationReadyEvent.class)
	void watch(ApplicationReadyEvent ready) {
		ApplicationContext context = ready.getApplicationContext();
		Thread watcher = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// nothing is sent; the read ends when the parent does
				}
			}
			catch (IOException ex) {
				// closed
			}
			System.exit(SpringApplication.exit(context));
		}, "parent-watch");
		watcher.setDaemon(true);
		watcher.start();
	}

}
