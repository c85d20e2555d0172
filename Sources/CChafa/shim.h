#pragma once
#include <chafa.h>

// The symbol tags are an enum of bit flags; OR-ing them in Swift needs casts through raw values,
// so the one combination the previews use is built here.
static inline void shim_chafa_add_preview_symbols(ChafaSymbolMap *map) {
    chafa_symbol_map_add_by_tags(map, (ChafaSymbolTags) (CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_BORDER | CHAFA_SYMBOL_TAG_SPACE));
    // Wide symbols would need two cells; previews keep to one column per symbol.
    chafa_symbol_map_remove_by_tags(map, CHAFA_SYMBOL_TAG_WIDE);
}
