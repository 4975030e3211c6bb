/** Understanding one message: which value goes to which slot (see attribute.ts). */
export { understand, type Understanding, type UnderstandInput } from './understand';
export { attribute, asExtraction, type Attribution, type Located } from './attribute';
export { classifyInput, type InputClass } from './bad-input';
export { textValue } from './text-value';
export { slotCues, hasCue, stem, type SlotCues, type Concept } from './cues';
export { isQuestion, matchAnswer, templateNames } from './answers';
