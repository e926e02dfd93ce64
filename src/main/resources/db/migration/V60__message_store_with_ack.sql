-- A message and the ACK that answered it are one row of the store (ack_body beside body): half the
-- rows and index entries per message, and the message browser reads them together. Rows written
-- before as direction 'ack' stay as they are.
ALTER TABLE bridge.message_store ADD COLUMN ack_body text;
ALTER TABLE bridge.message_store ALTER COLUMN ack_body SET STATISTICS 0;
