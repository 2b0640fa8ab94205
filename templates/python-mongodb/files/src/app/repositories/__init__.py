"""One repository per entity: its collection, how each field is stored, its references."""
