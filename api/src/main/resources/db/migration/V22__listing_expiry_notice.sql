-- A published listing's company is told once that it expires soon (notices, issue 17): when it was told.
ALTER TABLE listing ADD COLUMN expiry_noticed_at timestamptz;
