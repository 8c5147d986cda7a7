"""Reading PostgreSQL's EXPLAIN (FORMAT JSON) in tests."""


def table_reads(plan):
    """Every node of ``plan`` (the "Plan" of an EXPLAIN in JSON) that reads a table or one of its indexes."""
    nodes, reads = [plan], []
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("Plans", []))
        if "Relation Name" in node:
            reads.append(node)
    return reads
