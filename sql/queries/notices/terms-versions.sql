SELECT version, effective_on, title_ja, title_en, summary_ja, summary_en, published_at, published_by
FROM terms_documents FINAL
ORDER BY effective_on, published_at
