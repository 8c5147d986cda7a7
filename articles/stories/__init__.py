"""The story and its workflow: sections, authors, tags, articles, their history, and every write on them."""
