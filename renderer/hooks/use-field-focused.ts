// Whether a text field has the cursor: then Enter (and the arrows) belong to the field's form.
import { useEffect, useState } from 'react';

/** Whether a text field has the cursor (then Enter belongs to the form, not to the list). */
export function useFieldFocused(): boolean {
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    const update = (): void => setFocused(document.activeElement instanceof HTMLInputElement);
    // On focusout the next element has not taken the focus yet.
    const later = (): void => void setTimeout(update, 0);
    update();
    document.addEventListener('focusin', update);
    document.addEventListener('focusout', later);
    return () => {
      document.removeEventListener('focusin', update);
      document.removeEventListener('focusout', later);
    };
  }, []);
  return focused;
}
