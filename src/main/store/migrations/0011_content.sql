-- Captured content (DOMAIN.md §8): e-mails, documents and attachments with their SHA-256, linked to
-- persons by address, and a full-text index. The bytes live in the data folder's content store
-- (content/<first two hex digits>/<sha256>), written before the merge; rows are written only by the merge.
CREATE TABLE content_items (
  id          INTEGER PRIMARY KEY,
  file_id     INTEGER NOT NULL REFERENCES import_files(id),
  -- Attachments and embedded messages point at the e-mail that carried them.
  parent_id   INTEGER REFERENCES content_items(id),
  class       TEXT NOT NULL CHECK (class IN ('Email', 'Document', 'Attachment')),
  -- Path inside the imported folder or zip (or the attachment's file name).
  name        TEXT NOT NULL,
  extension   TEXT,
  mime        TEXT,
  size        INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  -- Sent time for e-mails, else the file's modification time.
  time        INTEGER,
  sender      TEXT,
  -- `;`-separated addresses (to, cc, bcc).
  recipients  TEXT,
  subject     TEXT,
  message_id  TEXT,
  attachments INTEGER,
  -- Why there is no text (e.g. "opaque blob", "encrypted PDF"); NULL when text was extracted.
  text_note   TEXT,
  -- Entry number inside the import file (1 for a single file; the entry's order in a zip).
  line        INTEGER NOT NULL
) STRICT;
CREATE INDEX content_items_file ON content_items (file_id);
CREATE INDEX content_items_sha256 ON content_items (sha256);
CREATE INDEX content_items_time ON content_items (time);
CREATE INDEX content_items_name ON content_items (name);

-- Who a content item belongs to: its sender, recipients, or the owner named by the source.
CREATE TABLE content_persons (
  item_id   INTEGER NOT NULL REFERENCES content_items(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  role      TEXT NOT NULL CHECK (role IN ('sender', 'recipient', 'owner')),
  PRIMARY KEY (item_id, person_id, role)
) STRICT;
CREATE INDEX content_persons_person ON content_persons (person_id);

-- Full-text index over content (rowid = content_items.id): phrases, prefixes, AND/OR/NOT and
-- column filters (subject:, sender:, recipients:, name:, body:).
CREATE VIRTUAL TABLE content_fts USING fts5(
  subject, sender, recipients, name, body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
