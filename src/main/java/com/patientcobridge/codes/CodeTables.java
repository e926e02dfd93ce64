package com.patientcobridge.codes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The code tables in {@code mappings/*.yaml}, one file per table: every code the bridge sends
 * to the EHR comes from here, never from Java. Each file is a map with a {@code description}
 * and its entries; {@link CodeTableRule}s check at start-up that the keys they need are there.
 */
public final class CodeTables {

    private final Map<String, Map<String, Object>> tables;
    private final Map<String, Path> files;

    private CodeTables(Map<String, Map<String, Object>> tables, Map<String, Path> files) {
        this.tables = tables;
        this.files = files;
    }

    /** The posting profile used when none is configured: the shape the bridge has always sent. */
    public static final String DEFAULT_PROFILE = "standard";

    /** The tables of one folder, without a posting profile. */
    public static CodeTables load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CodeTableException(dir + ": mappings folder not found");
        }
        Map<String, Map<String, Object>> tables = new TreeMap<>();
        Map<String, Path> files = new TreeMap<>();
        read(dir, tables, files);
        return new CodeTables(tables, files);
    }

    /**
     * Every {@code *.yaml} in the folder, then every one in {@code profiles/<profile>/}: a profile's
     * file replaces the table of the same name. A file that is not a YAML map, or a profile that is
     * not there, stops the load, naming it.
     */
    public static CodeTables load(Path dir, String profile) {
        if (!Files.isDirectory(dir)) {
            throw new CodeTableException(dir + ": mappings folder not found");
        }
        Path profileDir = dir.resolve("profiles").resolve(profile);
        if (!profile.matches("[A-Za-z0-9_-]+") || !Files.isDirectory(profileDir)) {
            throw new CodeTableException(profileDir + ": posting profile '" + profile
                    + "' not found (bridge.posting.profile names a folder of " + dir.resolve("profiles") + ")");
        }
        Map<String, Map<String, Object>> tables = new TreeMap<>();
        Map<String, Path> files = new TreeMap<>();
        read(dir, tables, files);
        read(profileDir, tables, files);
        return new CodeTables(tables, files);
    }

    private static void read(Path dir, Map<String, Map<String, Object>> tables, Map<String, Path> files) {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                tables.put(name, parse(file));
                files.put(name, file);
            }
        } catch (IOException e) {
            throw new CodeTableException(dir + ": cannot list mappings: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(doc instanceof Map)) {
                throw new CodeTableException(file + ": expected a map of keys, found " + describe(doc));
            }
            return new LinkedHashMap<>((Map<String, Object>) doc);
        } catch (IOException e) {
            throw new CodeTableException(file + ": cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof CodeTableException c) {
                throw c;
            }
            throw new CodeTableException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String describe(Object doc) {
        return doc == null ? "an empty file" : doc.getClass().getSimpleName();
    }

    public boolean has(String table) {
        return tables.containsKey(table);
    }

    public List<String> tableNames() {
        return new ArrayList<>(tables.keySet());
    }

    /** The file a table came from, for error messages. */
    public Path file(String table) {
        return files.get(table);
    }

    /** The value at a dotted path ({@code facilities.fac_1.sendingApplication}), if present. */
    public Optional<Object> find(String table, String path) {
        Object node = tables.get(table);
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return Optional.empty();
            }
            node = map.get(part);
        }
        return Optional.ofNullable(node);
    }

    /** The text at a dotted path; a missing key is an error naming the file and the key. */
    public String text(String table, String path) {
        Object value = find(table, path).orElseThrow(() -> missing(table, path));
        if (value instanceof Map || value instanceof List) {
            throw new CodeTableException(where(table) + ": key '" + path + "' must be a single value");
        }
        return String.valueOf(value);
    }

    /** The map at a dotted path; a missing key is an error naming the file and the key. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String table, String path) {
        Object value = path.isEmpty() ? tables.get(table) : find(table, path).orElseThrow(() -> missing(table, path));
        if (!(value instanceof Map)) {
            throw new CodeTableException(where(table) + ": key '" + path + "' must be a map");
        }
        return (Map<String, Object>) value;
    }

    private CodeTableException missing(String table, String path) {
        return new CodeTableException(where(table) + ": missing key '" + path + "'");
    }

    private String where(String table) {
        Path file = files.get(table);
        return file == null ? "mappings/" + table + ".yaml (no such file)" : file.toString();
    }
}
