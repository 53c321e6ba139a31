// `/<locale>/subscriptions/unsubscribe?token=...`: the link the CMS mails when TAPESTRY_FRONTEND_URL is set.
import { TokenPage } from "@/components/TokenPage";

export default function UnsubscribePage(props: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <TokenPage {...props} kind="unsubscribe" route="/subscriptions/unsubscribe" title="unsubscribeTitle" />;
}
