import { Alert } from '@mantine/core';
import { errorMessage } from '../api.ts';

/** Shows an error (typically an ApiError with the server's Vietnamese message) in a red alert; renders nothing without one. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
