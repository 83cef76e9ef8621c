"""The browser front end: a Gradio chat over one shared ``Newsdesk`` (``newsdesk serve``)."""
