"""Demo content: the Báo Lai Châu stories as an import file, the photo painter and the loader."""
