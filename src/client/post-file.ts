import { fileForm, requestJson, type Query } from './shared/request.ts';

/** Sends one file as multipart/form-data (field "file") and returns the JSON answer; rejects with ApiError. */
export function postFile<T>(path: string, query: Query | undefined, file: File, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  return requestJson<T>(path, { method, query, form: fileForm(file, file.name) });
}
