// Preloaded into the clinic CLI process only (`node --import`; its children do not inherit it):
// clinic's own messages ("Analysing data", "Generated HTML file is ...") go to stderr, so that
// the profiled app's stdout, which clinic passes on, carries nothing but the app's log lines.
console.log = console.error;
console.info = console.error;

export {};
