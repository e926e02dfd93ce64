package com.patientcobridge.ops;

import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.ops.messages.MessageBrowser;
import com.patientcobridge.ops.messages.MessageEdit;
import com.patientcobridge.ops.messages.MessageView;
import com.patientcobridge.ops.messages.PhiFields;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The message browser's parts: the search, the named-field view with its PHI mask, the edit. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfig {

    @Bean
    MessageBrowser messageBrowser(JdbcTemplate jdbc) {
        return new MessageBrowser(jdbc);
    }

    @Bean
    MessageView messageView(CodeTables tables) {
        return new MessageView(PhiFields.of(tables));
    }

    @Bean
    MessageEdit messageEdit() {
        return new MessageEdit();
    }
}
