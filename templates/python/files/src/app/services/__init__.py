"""One module per entity: the queries, checks and link handling behind its routes, on a session the route opens."""
