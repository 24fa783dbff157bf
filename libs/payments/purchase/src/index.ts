// The purchase's vocabulary that every payments module speaks (a shared kernel): the bounds of
// its fields, defined once so that the public API and every internal operation refuse the same
// values. Schemas only: no behaviour, no storage, no other module.
export * from './purchase-fields.js';
