-- Every settlement item belongs to a staged batch, checked once per statement instead of once per row.
--
-- The foreign key checked each item with its own lookup of the batch: staging a 100,000-item batch
-- spent as long on those lookups as on the COPY itself. The guarantee is kept, at statement
-- granularity: after each INSERT or COPY (and UPDATE) of items, one anti-join over the statement's new
-- rows finds any batch id that is not staged, and locks the batches found (FOR KEY SHARE, as the
-- foreign key did) so that no other transaction deletes them before this one commits. On the batch
-- side, deleting or renaming a batch that has items, or truncating batches while items exist, is refused.

ALTER TABLE staging.settlement_item DROP CONSTRAINT settlement_item_batch_id_fkey;

CREATE FUNCTION staging.items_have_batch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing text;
BEGIN
    SELECT n.batch_id INTO missing
      FROM (SELECT DISTINCT batch_id FROM new_items) n
      LEFT JOIN (SELECT id FROM staging.settlement_batch
                  WHERE id IN (SELECT batch_id FROM new_items) FOR KEY SHARE) b ON b.id = n.batch_id
     WHERE b.id IS NULL
     LIMIT 1;
    IF FOUND THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('settlement item refused: batch %s is not staged', missing),
            TABLE = 'settlement_item', COLUMN = 'batch_id';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER settlement_item_batch_on_insert AFTER INSERT ON staging.settlement_item
    REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION staging.items_have_batch();
CREATE TRIGGER settlement_item_batch_on_update AFTER UPDATE ON staging.settlement_item
    REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION staging.items_have_batch();

CREATE FUNCTION staging.batch_keeps_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF EXISTS (SELECT 1 FROM staging.settlement_item) THEN
            RAISE foreign_key_violation USING
                MESSAGE = 'settlement batches not truncated: items still refer to them (truncate staging.settlement_item first)';
        END IF;
        RETURN NULL;
    END IF;
    IF (TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id)
            AND EXISTS (SELECT 1 FROM staging.settlement_item WHERE batch_id = OLD.id) THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('settlement batch %s not %s: items still refer to it', OLD.id,
                             CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'renamed' END),
            TABLE = 'settlement_batch', COLUMN = 'id';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER settlement_batch_keeps_items BEFORE DELETE OR UPDATE OF id ON staging.settlement_batch
    FOR EACH ROW EXECUTE FUNCTION staging.batch_keeps_items();
CREATE TRIGGER settlement_batch_keeps_items_on_truncate BEFORE TRUNCATE ON staging.settlement_batch
    FOR EACH STATEMENT EXECUTE FUNCTION staging.batch_keeps_items();
