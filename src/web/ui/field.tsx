import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, type SelectHTMLAttributes } from 'react';

interface FieldFrame {
  label: string;
  hint?: ReactNode;
  error?: string | null;
}

/** A labelled control; the hint and error are tied to it with aria-describedby. */
const useFieldIds = (hint: unknown, error: unknown) => {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
};

const Frame = ({ id, label, hint, hintId, error, errorId, children }: FieldFrame & { id: string; hintId?: string; errorId?: string; children: ReactNode }) => (
  <div className="field">
    <label htmlFor={id}>{label}</label>
    {children}
    {hint ? (
      <p className="field-hint" id={hintId}>
        {hint}
      </p>
    ) : null}
    {error ? (
      <p className="field-error" id={errorId}>
        {error}
      </p>
    ) : null}
  </div>
);

export const TextField = ({ label, hint, error, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) => {
  const ids = useFieldIds(hint, error);
  return (
    <Frame {...ids} label={label} hint={hint} error={error}>
      <input id={ids.id} aria-describedby={ids.describedBy} aria-invalid={error ? true : undefined} {...input} />
    </Frame>
  );
};

export const TextArea = ({ label, hint, error, ...input }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) => {
  const ids = useFieldIds(hint, error);
  return (
    <Frame {...ids} label={label} hint={hint} error={error}>
      <textarea id={ids.id} aria-describedby={ids.describedBy} aria-invalid={error ? true : undefined} {...input} />
    </Frame>
  );
};

export const SelectField = ({ label, hint, error, children, ...select }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) => {
  const ids = useFieldIds(hint, error);
  return (
    <Frame {...ids} label={label} hint={hint} error={error}>
      <select id={ids.id} aria-describedby={ids.describedBy} {...select}>
        {children}
      </select>
    </Frame>
  );
};
