declare module "swagger-ui-dist/absolute-path.js" {
  /** The directory of the installed swagger-ui-dist package (its CSS and JS bundles). */
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
