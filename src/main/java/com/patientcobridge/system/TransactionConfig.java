package com.patientcobridge.system;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The one transaction manager (Camel's {@code transacted()} and the bridge's own transactions use
 * it). Every commit waits for its WAL to reach the disk: a page is a handful of commits, so durability
 * costs little, and nothing the EHR was sent can be forgotten by a crash.
 */
@Configuration(proxyBeanMethods = false)
class TransactionConfig {

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new org.springframework.jdbc.support.JdbcTransactionManager(dataSource);
    }
}
