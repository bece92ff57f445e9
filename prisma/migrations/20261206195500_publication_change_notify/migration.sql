-- Every change to a publication (republish, unpublish, or a row changed by hand) tells every
-- instance at once, on commit, which public page to drop from its cache
-- (lib/publications/public-page-cache.ts listens on this channel).
CREATE FUNCTION "proofmark_publication_changed"() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('proofmark_publications', OLD."publicId");
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."publicId" IS DISTINCT FROM OLD."publicId") THEN
    PERFORM pg_notify('proofmark_publications', NEW."publicId");
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Publication_changed"
AFTER INSERT OR UPDATE OR DELETE ON "Publication"
FOR EACH ROW EXECUTE FUNCTION "proofmark_publication_changed"();
