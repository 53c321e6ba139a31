"""Demo content for Tapestry: texts, generated images and the builder behind `load_demo_content`."""
