"use client";

import { useState, type InputHTMLAttributes } from "react";

/** A password input with a show/hide toggle; never autocompleted or spell-checked. */
export function SecretKeyInput(props: InputHTMLAttributes<HTMLInputElement> & { id: string }) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="row">
      <input
        {...props}
        type={visible ? "text" : "password"}
        autoComplete="off"
        spellCheck={false}
        style={{ flex: 1 }}
      />
      {/* Named by its text only: a name repeating the field's label ("Show secret key") would
          make the label find two elements. */}
      <button type="button" className="btn" aria-controls={props.id} onClick={() => setVisible((v) => !v)}>
        {visible ? "Hide" : "Show"}
      </button>
    </div>
  );
}
