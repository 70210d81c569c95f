/**
 * Every address the product writes lists its query parameters in one order, so that the same view always
 * has the same address: the URL-state adapter (components/providers) and the links tables build share it.
 */
export function sortSearchParams(params: URLSearchParams): URLSearchParams {
  params.sort();
  return params;
}
