"""The reader's site: pages, search, the page cache, search-engine metadata, feeds and sitemaps."""
