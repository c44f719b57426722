.class public Lcom/appaudit/demo/network/Startup;
.super Ljava/lang/Object;
.source "Startup.java"

# After consent: Umeng's log sender and JPush's reporter each upload identifiers once.
# Both run synchronously, with 3 s timeouts, so a capture sees them before the harness ends.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static afterConsent(Landroid/content/Context;)V
    .registers 1
    invoke-static {p0}, Lcom/umeng/analytics/pro/LogSender;->send(Landroid/content/Context;)I
    invoke-static {p0}, Lcn/jpush/android/helper/ReportHelper;->report(Landroid/content/Context;)I
    return-void
.end method
