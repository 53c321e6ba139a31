// `/<locale>/subscriptions/confirm?token=...`: the link the CMS mails when TAPESTRY_FRONTEND_URL is set.
import { TokenPage } from "@/components/TokenPage";

export default function ConfirmSubscriptionPage(props: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <TokenPage {...props} kind="confirm-subscription" route="/subscriptions/confirm" title="confirmTitle" />;
}
