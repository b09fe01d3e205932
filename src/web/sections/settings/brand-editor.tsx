import { useEffect, useId, useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import type { BrandProfile, Network, WorkspaceRef } from '../../api/types.ts';
import { networks as allNetworks } from '../../../core/mention.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { TextArea } from '../../ui/field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { ListEditor } from '../../ui/list-editor.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';

type ListField = 'services' | 'knowHow' | 'differentiators' | 'values' | 'keywords' | 'competitors';
const LIST_FIELDS: readonly ListField[] = ['services', 'knowHow', 'differentiators', 'values', 'keywords', 'competitors'];

const toForm = (b: BrandProfile): BrandProfile => ({
  services: [...b.services],
  knowHow: [...b.knowHow],
  differentiators: [...b.differentiators],
  values: [...b.values],
  toneOfVoice: b.toneOfVoice,
  keywords: [...b.keywords],
  competitors: [...b.competitors],
  networks: [...b.networks],
});

/** The brand profile: every field, saved at once with PUT. Viewers read it without editing. */
export const BrandEditor = ({ workspace }: { workspace: WorkspaceRef }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const brand = useResource(() => api.getBrand(workspace.id), [workspace.id]);
  const [form, setForm] = useState<BrandProfile | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const canEdit = workspace.role !== 'viewer';

  useEffect(() => {
    if (brand.data) setForm(toForm(brand.data));
  }, [brand.data]);

  const dirty = form !== null && brand.data !== undefined && JSON.stringify(form) !== JSON.stringify(toForm(brand.data));
  // Closing or reloading the tab with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (brand.error) return <Alert kind="error">{errorText(i18n, brand.error)}</Alert>;
  if (!form) return <Loading />;

  const update = (patch: Partial<BrandProfile>) => {
    setForm({ ...form, ...patch });
    setMessage(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api.putBrand(workspace.id, form);
      // The server's canonical version (trimmed entries) becomes both the saved state and the form.
      brand.set(saved);
      setForm(toForm(saved));
      setMessage({ kind: 'success', text: t('common.saved') });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(i18n, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="brand-form" onSubmit={save} aria-describedby="brand-intro">
      <p id="brand-intro" className="lead">
        {t('brand.intro')}
      </p>
      <fieldset className="brand-grid" disabled={!canEdit}>
        {LIST_FIELDS.map((f) => (
          <ListEditor key={f} name={f} label={t(`brand.${f}`)} values={form[f]} onChange={(v) => update({ [f]: v })} />
        ))}
        <div className="brand-wide">
          <TextArea
            label={t('brand.toneOfVoice')}
            hint={t('brand.toneHint')}
            name="toneOfVoice"
            rows={3}
            value={form.toneOfVoice}
            onChange={(e) => update({ toneOfVoice: e.currentTarget.value })}
          />
        </div>
        <div className="brand-wide">
          <NetworkPriorities value={form.networks} onChange={(networks) => update({ networks })} />
        </div>
      </fieldset>
      <div className="form-actions">
        {message ? (
          <Alert kind={message.kind}>{message.text}</Alert>
        ) : dirty ? (
          <span className="muted unsaved" role="status">
            {t('brand.unsaved')}
          </span>
        ) : null}
        {canEdit ? (
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        ) : null}
      </div>
    </form>
  );
};

/** Networks in priority order: add from those not chosen yet, move up and down, remove. */
const NetworkPriorities = ({ value, onChange }: { value: readonly Network[]; onChange(v: Network[]): void }) => {
  const { t } = useI18n();
  const id = useId();
  const remaining = allNetworks.filter((n) => !value.includes(n));
  const move = (i: number, by: -1 | 1) => {
    const next = [...value];
    const j = i + by;
    const a = next[i];
    const b = next[j];
    if (a === undefined || b === undefined) return;
    next[i] = b;
    next[j] = a;
    onChange(next);
  };
  return (
    <fieldset className="list-editor" data-field="networks">
      <legend>{t('brand.networks')}</legend>
      <p className="field-hint">{t('brand.networksHint')}</p>
      {value.length === 0 ? (
        <p className="muted small">{t('brand.emptyList')}</p>
      ) : (
        <ol className="priority-list">
          {value.map((n, i) => {
            const name = t(`network.${n}`);
            return (
              <li key={n} className="priority-item">
                <span className="priority-rank" aria-hidden="true">
                  {i + 1}
                </span>
                <span className={`network-dot net-${n}`} aria-hidden="true" />
                <span className="priority-name">{name}</span>
                <button type="button" className="icon-button" aria-label={t('common.moveUp', { item: name })} disabled={i === 0} onClick={() => move(i, -1)}>
                  <Icon name="up" size={16} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('common.moveDown', { item: name })}
                  disabled={i === value.length - 1}
                  onClick={() => move(i, 1)}
                >
                  <Icon name="down" size={16} />
                </button>
                <button type="button" className="icon-button" aria-label={t('common.removeItem', { item: name })} onClick={() => onChange(value.filter((x) => x !== n))}>
                  <Icon name="close" size={16} />
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {remaining.length > 0 ? (
        <div className="add-row">
          <label htmlFor={id} className="visually-hidden">
            {t('brand.addNetwork')}
          </label>
          <select
            id={id}
            value=""
            onChange={(e) => {
              const n = remaining.find((x) => x === e.currentTarget.value);
              if (n) onChange([...value, n]);
            }}
          >
            <option value="">{t('brand.addNetwork')}…</option>
            {remaining.map((n) => (
              <option key={n} value={n}>
                {t(`network.${n}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </fieldset>
  );
};
