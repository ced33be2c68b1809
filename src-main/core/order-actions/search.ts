import { createSearchIndexer } from '../orders/search-index';
export type SearchIndexer = ReturnType<typeof createSearchIndexer>;
export { createSearchIndexer };
