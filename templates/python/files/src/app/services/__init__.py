"""One module per entity: its `Service` (app/service.py), described by what its model and schemas do not say."""
