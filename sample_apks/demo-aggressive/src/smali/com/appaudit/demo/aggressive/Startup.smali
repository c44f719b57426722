.class public Lcom/appaudit/demo/aggressive/Startup;
.super Ljava/lang/Object;
.source "Startup.java"

# After consent: TalkingData is initialised (it reads nothing here; its page report in
# MainActivity.onStop runs whatever the user answered).

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static afterConsent(Landroid/content/Context;)V
    .registers 1
    invoke-static {p0}, Lcom/tendcloud/tenddata/TCAgent;->init(Landroid/content/Context;)V
    return-void
.end method
