"""Reading PostgreSQL's EXPLAIN (FORMAT JSON) in tests."""


def nodes(plan):
    """Every node of ``plan`` (the "Plan" of an EXPLAIN in JSON), the plan itself first."""
    found, waiting = [], [plan]
    while waiting:
        node = waiting.pop()
        found.append(node)
        waiting.extend(node.get("Plans", []))
    return found


def table_reads(plan):
    """The nodes that read a table's rows (a sequential, index or bitmap heap scan)."""
    return [node for node in nodes(plan) if "Relation Name" in node]


def indexes_used(plan):
    """The names of the indexes the plan reads (an index scan's own, or a bitmap index scan's)."""
    return {node["Index Name"] for node in nodes(plan) if "Index Name" in node}
