"""The knowledge layer: data files (gazetteer, actors, weapons, triggers, month names …) loaded
through one loader (``loader.load_table``), and the resolvers built on them."""
