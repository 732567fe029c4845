// Calls to this server's JSON routes. An error becomes one readable sentence: the server's own
// ("unknown state 'Narnia'. Did you mean ...?"), or what went wrong on the way.

export class ApiError extends Error {}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function path(...parts) {
  return "/" + parts.map((p) => encodeURIComponent(p)).join("/");
}

export async function getJSON(url, signal) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError("The server did not answer. Is `obligraph serve` still running?");
  }
  let data = null;
  try {
    data = await response.json();
  } catch (err) {
    data = null;
  }
  if (!response.ok) {
    const said = data && typeof data.error === "string" ? data.error : `${response.status} ${response.statusText}`;
    if (response.status >= 500) throw new ApiError(`The server could not answer: ${said}`);
    throw new ApiError(said);
  }
  if (data === null) throw new ApiError("The server's answer was not JSON.");
  return data;
}
