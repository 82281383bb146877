export { TAG_NAMES, type TagName, type Tag, type Rule, type Span } from './tag.js';
export { createRuleContext, type RuleContext } from './rule-context.js';
export { DEFAULT_RULES } from './default-rules.js';
export { tagText } from './tag-text.js';
export { ruleFeatureVector, RULE_FEATURE_DIM } from './rule-features.js';
export { foldConfusables, confusableOf } from './confusables.js';
export { BRANDS, type Brand } from './brands.js';
export { SUSPICIOUS_TLDS } from './rule/suspicious-tld.js';
