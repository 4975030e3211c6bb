/** Import from FIM: XDatenfelder 2/3 data schemas to definition skeletons. */
export { readXDatenfelder, FimError, type FimField, type FimSchema } from './xdatenfelder';
export { skeletonOf, slotName, type Skeleton } from './skeleton';
export { parseXml, XmlError, type XmlElement } from './xml';
