package com.patientcobridge.system;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The one transaction manager (Camel's {@code transacted()} and the bridge's own transactions use it). */
@Configuration(proxyBeanMethods = false)
class TransactionConfig {

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new AsyncCommitTransactionManager(dataSource);
    }
}
