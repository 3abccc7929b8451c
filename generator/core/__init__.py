"""What every style uses: the style interface, finding styles, templates, and the language-neutral view-model parts."""
