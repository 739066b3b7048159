// Module resolve hook for running the page's engine code in node. tfjs's ES module files import
// their siblings without extensions ('./gradients/Abs_grad'), which bundlers accept and node's ES
// module loader refuses; the one such import the project makes is
// '@tensorflow/tfjs-core/dist/register_all_gradients' (core/trainStep.ts). This completes those
// relative specifiers inside @tensorflow packages as a bundler would: '.js', then '/index.js'.
// Plain JavaScript: hooks run on node's loader thread, before any TypeScript loader applies.
const EXT = /\.[cm]?js$|\.json$|\.wasm$/;

export async function resolve(specifier, context, next) {
  const inTfjs = context.parentURL?.includes('/node_modules/@tensorflow/');
  if (!inTfjs || !specifier.startsWith('.') || EXT.test(specifier)) return next(specifier, context);
  try {
    return await next(`${specifier}.js`, context);
  } catch {
    return next(`${specifier}/index.js`, context);
  }
}
