/** The ingest stage's public face: reading inputs into article texts. */
export { readTextInput, decodeText, MAX_ARTICLE_BYTES, type TextInput } from './text.js';
export { parseReutersSgml, readReutersFile, parseReutersBlock, type ReutersArticle } from './reuters.js';
export { readArticles, reutersText, type Article, type ArticleItem } from './articles.js';
