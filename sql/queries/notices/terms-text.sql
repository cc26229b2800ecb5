SELECT version, effective_on, title_ja, title_en, summary_ja, summary_en, text_ja, published_at, published_by
FROM terms_documents FINAL
WHERE version = {version:String}
LIMIT 1
