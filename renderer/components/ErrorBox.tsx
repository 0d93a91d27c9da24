type Props = { message: string; detail?: string | undefined; detailLabel: string; testId?: string };

export function ErrorBox({ message, detail, detailLabel, testId = 'error' }: Props) {
  return (
    <div className="error-box" role="alert" data-testid={testId}>
      <div className="error-message">{message}</div>
      {detail ? (
        <details className="error-detail">
          <summary>{detailLabel}</summary>
          <code>{detail}</code>
        </details>
      ) : null}
    </div>
  );
}
