package com.patientcobridge.codes;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads {@code mappings/} once at start-up and runs every {@link CodeTableRule}: a bad file stops start-up. */
@Configuration(proxyBeanMethods = false)
class CodeTablesConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CodeTablesConfiguration.class);

    @Bean
    CodeTables codeTables(@Value("${bridge.mappings-dir:mappings}") String dir,
            @Value("${bridge.posting.profile:" + CodeTables.DEFAULT_PROFILE + "}") String profile,
            List<CodeTableRule> rules) {
        CodeTables tables = CodeTables.load(Path.of(dir), profile);
        rules.forEach(rule -> rule.check(tables));
        LOG.info("Loaded {} code tables from {}, posting profile {}: {}", tables.tableNames().size(), dir, profile,
                tables.tableNames());
        return tables;
    }
}
