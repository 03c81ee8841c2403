"""Help inside the app: Getting started, Glossary, Keyboard shortcuts and About in a
searchable window (:mod:`.window`, pages in :mod:`.pages` and ``content/``), the Help menu's
actions (:mod:`.menu`) and Report a problem (:mod:`.report`)."""
