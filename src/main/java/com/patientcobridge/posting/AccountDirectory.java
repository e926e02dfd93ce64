package com.patientcobridge.posting;

import com.patientcobridge.model.Account;
import com.patientcobridge.system.Json;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The accounts one page's postings name, read from {@code staging.account} in one query; an account
 * not staged yet is read from Patientco once ({@link AccountLookup}). The guarantor of each is known
 * without parsing the account, for the holds.
 */
final class AccountDirectory {

    private final Map<String, String> guarantors = new HashMap<>();
    private final Map<String, String> staged = new HashMap<>();
    private final Map<String, Account> parsed = new HashMap<>();
    private final AccountLookup patientco;

    private AccountDirectory(AccountLookup patientco) {
        this.patientco = patientco;
    }

    static AccountDirectory load(JdbcTemplate jdbc, Collection<String> accountIds, AccountLookup patientco) {
        AccountDirectory d = new AccountDirectory(patientco);
        if (!accountIds.isEmpty()) {
            jdbc.query("SELECT id, guarantor_id, record::text FROM staging.account WHERE id = ANY (?::text[])",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", accountIds.toArray())), rs -> {
                        d.guarantors.put(rs.getString(1), rs.getString(2));
                        d.staged.put(rs.getString(1), rs.getString(3));
                    });
        }
        return d;
    }

    /** The account, or null when neither staging nor Patientco has it. */
    Account find(String accountId) {
        if (accountId == null) {
            return null;
        }
        if (parsed.containsKey(accountId)) {
            return parsed.get(accountId);
        }
        String json = staged.get(accountId);
        Account a = json != null ? Json.read(json, Account.class) : patientco.find(accountId).orElse(null);
        parsed.put(accountId, a);
        if (a != null) {
            guarantors.putIfAbsent(accountId, a.guarantor().id());
        }
        return a;
    }

    /** The account's guarantor, if the account is staged (or was read). */
    String guarantorOf(String accountId) {
        return accountId == null ? null : guarantors.get(accountId);
    }
}
