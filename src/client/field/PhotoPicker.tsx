import { useEffect, useLayoutEffect, useRef, useState, type ChangeEvent } from 'react';
import { compressPhoto } from '../shared/photo.ts';
import { t } from './strings.ts';
import { uuid } from '../shared/uuid.ts';

/** A compressed photo in the form, with a preview URL. */
export interface PickedPhoto {
  key: string;
  blob: Blob;
  width: number;
  height: number;
  url: string;
}

/**
 * Camera and gallery buttons; each photo is compressed on the phone right away (≤ 1600 px,
 * JPEG ≤ 300 KB) so the queue holds only small files.
 */
export function PhotoPicker(props: {
  photos: PickedPhoto[];
  onChange: (photos: PickedPhoto[]) => void;
  maxPhotos: number;
  maxBytes: number;
  onBusy: (isBusy: boolean) => void;
  /** Photos already on the server (a sent-back activity's), shown first and removable. */
  kept?: { id: string; thumbUrl: string }[];
  onRemoveKept?: (id: string) => void;
}) {
  const { photos, onChange, maxPhotos, maxBytes, onBusy, kept = [] } = props;
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(photos);
  useLayoutEffect(() => {
    latest.current = photos;
  }, [photos]);

  useEffect(() => onBusy(busy > 0), [busy, onBusy]);
  // Free the preview URLs when the form closes.
  useEffect(() => () => latest.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    input.value = '';
    const room = maxPhotos - kept.length - latest.current.length;
    setError(files.length > room ? t('photoTooMany', { n: maxPhotos }) : null);
    const accepted = files.slice(0, Math.max(0, room));
    setBusy((n) => n + accepted.length);
    for (const file of accepted) {
      try {
        const { blob, width, height } = await compressPhoto(file, maxBytes);
        const photo = { key: uuid(), blob, width, height, url: URL.createObjectURL(blob) };
        latest.current = [...latest.current, photo];
        onChange(latest.current);
      } catch {
        setError(t('photoFailed'));
      } finally {
        setBusy((n) => n - 1);
      }
    }
  };

  const remove = (key: string) => {
    const photo = latest.current.find((p) => p.key === key);
    if (photo) URL.revokeObjectURL(photo.url);
    onChange(latest.current.filter((p) => p.key !== key));
  };

  const isFull = kept.length + photos.length >= maxPhotos;
  return (
    <fieldset className="stack tight">
      <legend>{t('photos')}</legend>
      <div className="row">
        <label className={`btn grow${isFull ? ' disabled' : ''}`}>
          {t('takePhoto')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="visually-hidden"
            disabled={isFull}
            onChange={(e) => void onFiles(e)}
          />
        </label>
        <label className={`btn grow${isFull ? ' disabled' : ''}`}>
          {t('choosePhoto')}
          <input type="file" accept="image/*" multiple className="visually-hidden" disabled={isFull} onChange={(e) => void onFiles(e)} />
        </label>
      </div>
      {busy > 0 && (
        <p className="muted small" role="status">
          {t('compressing')}
        </p>
      )}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      {kept.length + photos.length > 0 && (
        <ul className="thumbs">
          {kept.map((p) => (
            <li key={p.id}>
              <img src={p.thumbUrl} alt="" width={96} height={96} />
              <button type="button" className="thumb-remove" aria-label={t('removePhoto')} onClick={() => props.onRemoveKept?.(p.id)}>
                ×
              </button>
            </li>
          ))}
          {photos.map((p) => (
            <li key={p.key}>
              <img src={p.url} alt="" width={96} height={96} />
              <button type="button" className="thumb-remove" aria-label={t('removePhoto')} onClick={() => remove(p.key)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
