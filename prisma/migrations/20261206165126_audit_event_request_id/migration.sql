-- The id of the HTTP request that made the change (x-request-id), to join an audit event with
-- the request's log lines. NULL for changes made outside a request (scripts, the websocket).
ALTER TABLE "AuditEvent" ADD COLUMN "requestId" TEXT;
