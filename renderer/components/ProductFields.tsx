// The extra inputs a product asks for (SAT `fields`: a game's zone id, a tax year), one labelled
// field each, under the customer number. Enter anywhere submits the step; the core checks them too.
import type { FieldSpec } from '../../shared/provider-fields';

export function ProductFields({ specs, values, onChange, disabled = false }: { specs: readonly FieldSpec[]; values: Readonly<Record<string, string>>; onChange: (name: string, value: string) => void; disabled?: boolean }) {
  if (specs.length === 0) return null;
  return (
    <div className="product-fields" data-testid="product-fields">
      {specs.map((f) => (
        <label key={f.name} className="product-field">
          {f.label}
          <input
            className="big-input"
            data-testid={`field-${f.name}`}
            autoComplete="off"
            maxLength={100}
            value={values[f.name] ?? ''}
            onChange={(e) => onChange(f.name, e.target.value)}
            disabled={disabled}
          />
        </label>
      ))}
      {/* With more than one text field a form submits on Enter only when it has a submit button. */}
      <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
    </div>
  );
}
